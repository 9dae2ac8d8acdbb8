#!/usr/bin/env bash
# Builds the base image of schemagate's images offline, without a Docker daemon or a registry:
# a minimal Debian 12 root filesystem from pinned .debs (glibc, libgcc, libstdc++, zlib; fetched
# with apt-get download, which checks them against Debian's signed package index) plus a Java 17
# runtime jlink'ed from the build's JDK (only the modules the webhook and the CLI use), packed as
# one gzipped layer in an image tarball that holds both a docker-save manifest.json and an OCI image
# layout (oci-layout, index.json, blobs/sha256/...). Jib reads it as `tar://<path>` (see
# docs/images.md). Cached under ~/.cache/schemagate; prints the tarball's path on stdout,
# everything else on stderr. Needs apt-get, dpkg-deb, ldconfig, tar, gzip, sha256sum and a JDK 17
# with jmods ($JAVA_HOME, default /usr/lib/jvm/java-17-openjdk-amd64); no root.
set -euo pipefail

# Bump BASE_VERSION whenever anything below changes what goes into the image.
BASE_VERSION=v1
DEBS=(
  "libc6=2.36-9+deb12u14"
  "libgcc-s1=12.2.0-14+deb12u1"
  "libstdc++6=12.2.0-14+deb12u1"
  "zlib1g=1:1.2.13.dfsg-1+deb12u1"
)
# What the webhook (Quarkus, fabric8, Vert.x/Netty, PostgreSQL JDBC) and the CLI (picocli, JGit,
# Jackson/SnakeYAML, the Wasm policy engine, embedded PostgreSQL) load at run time.
MODULES=java.base,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.prefs,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,jdk.crypto.ec,jdk.management,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs
UID_GID=10001

JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/schemagate"
out="$cache/schemagate-base-bookworm-jre17-$BASE_VERSION.tar"
if [ -s "$out" ]; then
  echo "$out"
  exit 0
fi
grep -q '^JAVA_VERSION="17' "$JAVA_HOME/release" 2>/dev/null \
  || { echo "build-base-image: $JAVA_HOME is not a JDK 17 (set JAVA_HOME to one with jmods/)" >&2; exit 2; }
[ -d "$JAVA_HOME/jmods" ] \
  || { echo "build-base-image: $JAVA_HOME has no jmods/ (install openjdk-17-jdk-headless)" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/debs" "$work/rootfs" "$work/image/blobs/sha256"
echo "build-base-image: fetching ${DEBS[*]}" >&2
(cd "$work/debs" && apt-get download "${DEBS[@]}" >&2) || {
  echo "build-base-image: apt-get download failed for one of ${DEBS[*]}: run apt-get update, or bump the pins" \
    "in scripts/build-base-image.sh (apt-cache policy <name> shows the current version) and BASE_VERSION" >&2
  exit 2
}
root="$work/rootfs"
for deb in "$work"/debs/*.deb; do
  dpkg-deb -x "$deb" "$root"
done
# Documentation, locales, gconv modules and the libc tools: nothing a JVM loads.
rm -rf "$root"/usr/share/doc "$root"/usr/share/lintian "$root"/usr/share/locale "$root"/usr/share/gcc \
  "$root"/usr/share/gdb "$root"/usr/lib/x86_64-linux-gnu/gconv "$root"/usr/bin "$root"/usr/sbin "$root"/sbin \
  "$root"/usr/lib/x86_64-linux-gnu/audit "$root"/etc/ld.so.conf.d "$root"/usr/share/man

echo "build-base-image: jlink $MODULES from $JAVA_HOME" >&2
"$JAVA_HOME/bin/jlink" --module-path "$JAVA_HOME/jmods" --add-modules "$MODULES" \
  --strip-debug --no-header-files --no-man-pages --compress=2 --output "$root/opt/java" >&2
# Debian's JDK links its CA store to /etc/ssl/certs/java/cacerts; the image carries the file itself
# (the CLI fetches PostgreSQL binaries from Maven Central over HTTPS).
if [ ! -s "$root/opt/java/lib/security/cacerts" ] || [ -L "$root/opt/java/lib/security/cacerts" ]; then
  rm -f "$root/opt/java/lib/security/cacerts"
  cp -L "$JAVA_HOME/lib/security/cacerts" "$root/opt/java/lib/security/cacerts"
fi
java_version="$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$root/opt/java/release")"

# mount points a container runtime (or the image test's chroot) fills
mkdir -p "$root/etc" "$root/tmp" "$root/usr/bin" "$root/proc" "$root/sys" "$root/dev"
chmod 1777 "$root/tmp"
printf 'root:x:0:0:root:/root:/sbin/nologin\nschemagate:x:%s:%s:schemagate:/tmp:/sbin/nologin\n' $UID_GID $UID_GID > "$root/etc/passwd"
printf 'root:x:0:\nschemagate:x:%s:\n' $UID_GID > "$root/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$root/etc/nsswitch.conf"
printf 'PRETTY_NAME="schemagate base (Debian 12 libraries, Java %s)"\nID=debian\nVERSION_ID="12"\n' "$java_version" > "$root/etc/os-release"
ln -s ../../opt/java/bin/java "$root/usr/bin/java"
ldconfig -r "$root" 2>/dev/null || true

echo "build-base-image: packing" >&2
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$root" -cf "$work/layer.tar" .
diff_id="$(sha256sum "$work/layer.tar" | cut -d' ' -f1)"
gzip -n -9 "$work/layer.tar"
layer_digest="$(sha256sum "$work/layer.tar.gz" | cut -d' ' -f1)"
layer_size="$(stat -c %s "$work/layer.tar.gz")"
mv "$work/layer.tar.gz" "$work/image/blobs/sha256/$layer_digest"

debs_label="$(IFS=' '; echo "${DEBS[*]}")"
printf '%s' "{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"1970-01-01T00:00:00Z\",\
\"config\":{\"User\":\"$UID_GID:$UID_GID\",\"Env\":[\"PATH=/opt/java/bin:/usr/bin\",\"JAVA_HOME=/opt/java\",\"LANG=C.UTF-8\",\"HOME=/tmp\"],\
\"WorkingDir\":\"/\",\"Labels\":{\"dev.schemagate.base.version\":\"$BASE_VERSION\",\"dev.schemagate.base.java\":\"$java_version\",\
\"dev.schemagate.base.debs\":\"$debs_label\"}},\
\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:$diff_id\"]},\
\"history\":[{\"created\":\"1970-01-01T00:00:00Z\",\"created_by\":\"scripts/build-base-image.sh $BASE_VERSION\"}]}" > "$work/config.json"
config_digest="$(sha256sum "$work/config.json" | cut -d' ' -f1)"
config_size="$(stat -c %s "$work/config.json")"
mv "$work/config.json" "$work/image/blobs/sha256/$config_digest"

printf '%s' "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\
\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:$config_digest\",\"size\":$config_size},\
\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:$layer_digest\",\"size\":$layer_size}]}" > "$work/manifest.oci.json"
manifest_digest="$(sha256sum "$work/manifest.oci.json" | cut -d' ' -f1)"
manifest_size="$(stat -c %s "$work/manifest.oci.json")"
mv "$work/manifest.oci.json" "$work/image/blobs/sha256/$manifest_digest"

ref="schemagate/base:bookworm-jre17-$BASE_VERSION"
printf '{"imageLayoutVersion":"1.0.0"}' > "$work/image/oci-layout"
printf '%s' "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[\
{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:$manifest_digest\",\"size\":$manifest_size,\
\"annotations\":{\"org.opencontainers.image.ref.name\":\"$ref\"}}]}" > "$work/image/index.json"
# docker-save's manifest.json, which Jib's tar:// reader uses
printf '%s' "[{\"Config\":\"blobs/sha256/$config_digest\",\"RepoTags\":[\"$ref\"],\"Layers\":[\"blobs/sha256/$layer_digest\"]}]" \
  > "$work/image/manifest.json"

mkdir -p "$cache"
# named entries, no "./": Jib refuses to unpack an entry named "./" ("outside destination")
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$work/image" -cf "$out.part" \
  oci-layout index.json manifest.json blobs
mv "$out.part" "$out"
echo "build-base-image: $out ($(du -h "$out" | cut -f1), layer sha256:$layer_digest)" >&2
echo "$out"
