package schemagate.lib

# Lock strength, weakest first (PostgreSQL documentation, "Explicit Locking", table 13.2).
lock_rank := {
	"AccessShareLock": 1,
	"RowShareLock": 2,
	"RowExclusiveLock": 3,
	"ShareUpdateExclusiveLock": 4,
	"ShareLock": 5,
	"ShareRowExclusiveLock": 6,
	"ExclusiveLock": 7,
	"AccessExclusiveLock": 8,
}

# The lock mode as the PostgreSQL documentation writes it.
lock_words := {
	"AccessShareLock": "ACCESS SHARE",
	"RowShareLock": "ROW SHARE",
	"RowExclusiveLock": "ROW EXCLUSIVE",
	"ShareUpdateExclusiveLock": "SHARE UPDATE EXCLUSIVE",
	"ShareLock": "SHARE",
	"ShareRowExclusiveLock": "SHARE ROW EXCLUSIVE",
	"ExclusiveLock": "EXCLUSIVE",
	"AccessExclusiveLock": "ACCESS EXCLUSIVE",
}

# What the mode makes other sessions wait for. SELECT takes ACCESS SHARE (conflicts only with
# ACCESS EXCLUSIVE); INSERT/UPDATE/DELETE take ROW EXCLUSIVE (conflicts with SHARE and stronger).
lock_blocks := {
	"AccessShareLock": "blocks only ACCESS EXCLUSIVE lockers",
	"RowShareLock": "blocks only EXCLUSIVE and ACCESS EXCLUSIVE lockers",
	"RowExclusiveLock": "blocks other schema changes, not reads or writes",
	"ShareUpdateExclusiveLock": "blocks other schema changes and VACUUM, not reads or writes",
	"ShareLock": "blocks writes",
	"ShareRowExclusiveLock": "blocks writes",
	"ExclusiveLock": "blocks writes and SELECT … FOR UPDATE",
	"AccessExclusiveLock": "blocks reads and writes",
}

blocks_writes(mode) if lock_rank[mode] >= 5

blocks_reads(mode) if mode == "AccessExclusiveLock"

# Locks on relations that existed before this phase file (others cannot be contended).
existing_locks(s) := [l | some l in s.locks; not l.new]

# The strongest lock the statement takes on a pre-existing relation.
strongest_existing(s) := l if {
	locks := existing_locks(s)
	count(locks) > 0
	top := max({lock_rank[l.mode] | some l in locks})
	some l in locks
	lock_rank[l.mode] == top
	not stronger_earlier(locks, l, top)
}

# Picks the first of several equally strong locks, so the result is one value.
stronger_earlier(locks, l, top) if {
	some i, j
	locks[i] == l
	lock_rank[locks[j].mode] == top
	j < i
}

# The statement takes, on a pre-existing relation, a lock that makes reads or writes wait.
conflicts_with_reads_or_writes(s) if blocks_writes(strongest_existing(s).mode)

# "ACCESS EXCLUSIVE lock on public.orders (blocks reads and writes)"
describe_lock(l) := concat("", [lock_words[l.mode], " lock on ", text(l.relation), " (", lock_blocks[l.mode], ")"])
