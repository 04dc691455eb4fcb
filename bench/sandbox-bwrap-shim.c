/* A stand-in for /usr/bin/bwrap (ATRIUM_SANDBOX_BWRAP) for bench/sessions until Sandbox.wrap
 * creates the parents of the host library directories itself: bwrap 0.8.0 makes the missing
 * parents of a bind's destination (/opt, /opt/swift, ... for /opt/swift/usr/lib/swift/linux)
 * mode 0700, so the session's uid cannot reach the Swift libraries and the reference runtime
 * exits 127. For every `--ro-bind P P` outside /usr, /etc, /atrium and the system directories this
 * adds `--perms 0755 --dir A` for each ancestor A of P first, then execs /usr/bin/bwrap with the
 * rest unchanged. Its own cost (one exec of a small static program) is measured by
 * bench/sandbox-parts ("shim").
 *
 *   cc -O2 -static -o /tmp/sandbox-bwrap-shim bench/sandbox-bwrap-shim.c
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int inside_system(const char *p) {
    static const char *prefixes[] = {"/usr/", "/etc/", "/atrium/", "/bin/", "/sbin/", "/lib/", "/lib64/", "/proc/", "/dev/", "/tmp/"};
    for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++)
        if (strncmp(p, prefixes[i], strlen(prefixes[i])) == 0) return 1;
    return 0;
}

int main(int argc, char **argv) {
    char **out = calloc((size_t)argc * 8 + 16, sizeof *out);
    char **seen = calloc((size_t)argc * 8 + 16, sizeof *seen);
    int n = 0, nseen = 0;
    if (!out || !seen) return 127;
    out[n++] = "/usr/bin/bwrap";
    for (int i = 1; i + 2 < argc; i++) {
        if (strcmp(argv[i], "--ro-bind") != 0 || strcmp(argv[i + 1], argv[i + 2]) != 0 || inside_system(argv[i + 2])) continue;
        const char *path = argv[i + 2];
        for (const char *slash = strchr(path + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
            char *ancestor = strndup(path, (size_t)(slash - path));
            int known = 0;
            for (int k = 0; k < nseen; k++) known |= strcmp(seen[k], ancestor) == 0;
            if (known) { free(ancestor); continue; }
            seen[nseen++] = ancestor;
            out[n++] = "--perms"; out[n++] = "0755"; out[n++] = "--dir"; out[n++] = ancestor;
        }
    }
    for (int i = 1; i < argc; i++) out[n++] = argv[i];
    out[n] = NULL;
    execv(out[0], out);
    perror("sandbox-bwrap-shim: /usr/bin/bwrap");
    return 127;
}
