-- app@1: the starting point (safe: new tables).
CREATE TABLE accounts (
    id         integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email      text NOT NULL,
    nickname   text,
    legacy_ref text
);

CREATE TABLE payments (
    id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id  integer NOT NULL,
    amount      integer NOT NULL,
    status      text
);
