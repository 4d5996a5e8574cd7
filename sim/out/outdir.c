/*
 * Atomic results folders. On Linux, renameat2(RENAME_EXCHANGE) swaps the
 * new folder with the old one in a single step, so a reader sees either
 * the old results or the new ones, never a mix; elsewhere two renames
 * leave a short window without the folder but never a half-written one.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../sim.h"
#include "../core/log.h"
#include "../core/util.h"
#include "outdir.h"

/* Create path's parent folders, like mkdir -p of dirname(path). */
static int
make_parents(const char *path)
{
    char *copy = xstrdup(path), *p;

    for (p = copy + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(copy, 0777) != 0 && errno != EEXIST) {
            log_error("cannot create %s: %s", copy, strerror(errno));
            free(copy);
            return SIM_EIO;
        }
        *p = '/';
    }
    free(copy);
    return 0;
}

/* May path be replaced: absent, an empty folder, or earlier results? */
static int
replaceable(const char *path)
{
    static const char *const markers[] = {"summary.csv", "sweep.csv",
                                          "rollout.csv"};
    struct stat st;
    char *marker;
    size_t i;
    DIR *dir;
    struct dirent *e;
    int empty = 1, ok;

    if (lstat(path, &st) != 0)
        return errno == ENOENT;
    if (!S_ISDIR(st.st_mode))
        return 0;
    /* What run, sweep and rollout each write first. */
    for (i = 0; i < sizeof(markers) / sizeof(markers[0]); i++) {
        marker = xasprintf("%s/%s", path, markers[i]);
        ok = access(marker, F_OK) == 0;
        free(marker);
        if (ok)
            return 1;
    }
    dir = opendir(path);
    if (dir == NULL)
        return 0;
    while ((e = readdir(dir)) != NULL) {
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            empty = 0;
    }
    closedir(dir);
    return empty;
}

/*
 * The temporary folder being written, for the exit handler: the one piece
 * of global state here, because exit(3) after a failed allocation or a
 * GSL error has no other way to find it. Only main's thread opens and
 * closes results folders, one at a time.
 */
static char *pending_tmp;

static void remove_tree(const char *path);

static void
remove_pending(void)
{
    if (pending_tmp != NULL)
        remove_tree(pending_tmp);
    pending_tmp = NULL;
}

/* Is the last part of path "." or ".." (or is path empty)? */
static int
names_no_folder(const char *path, size_t len)
{
    size_t start = len;

    while (start > 0 && path[start - 1] != '/')
        start--;
    return len == 0 || (len - start == 1 && path[start] == '.') ||
           (len - start == 2 && path[start] == '.' && path[start + 1] == '.');
}

int
outdir_open(struct outdir *d, const char *path)
{
    static int handler;
    char *slash, *base;
    size_t len = strlen(path);
    mode_t mask;

    memset(d, 0, sizeof(*d));
    while (len > 1 && path[len - 1] == '/')
        len--;
    d->final = xasprintf("%.*s", (int)len, path);
    if (names_no_folder(path, len)) {
        log_error("'%s' cannot be a results folder: it must end in a "
                  "folder's name", path);
        return SIM_EUSAGE;
    }
    if (!replaceable(d->final)) {
        log_error("%s exists and is not a stampede results folder; "
                  "choose another with -o or remove it", d->final);
        return SIM_EUSAGE;
    }
    if (make_parents(d->final) != 0)
        return SIM_EIO;

    slash = strrchr(d->final, '/');
    base = slash ? slash + 1 : d->final;
    d->tmp = xasprintf("%.*s.%s.tmp-XXXXXX",
                       slash ? (int)(slash - d->final + 1) : 0, d->final,
                       base);
    if (mkdtemp(d->tmp) == NULL) {
        log_error("cannot create a folder beside %s: %s", d->final,
                  strerror(errno));
        free(d->tmp);
        d->tmp = NULL;
        return SIM_EIO;
    }
    if (!handler)
        handler = atexit(remove_pending) == 0;
    pending_tmp = d->tmp;
    /* mkdtemp makes it private; results are as readable as any folder. */
    mask = umask(0);
    umask(mask);
    chmod(d->tmp, 0777 & ~mask);
    return 0;
}

FILE *
outdir_create(const struct outdir *d, const char *name)
{
    char *path = xasprintf("%s/%s", d->tmp, name);
    FILE *f = fopen(path, "w");

    if (f == NULL)
        log_error("cannot create %s/%s: %s", d->final, name,
                  strerror(errno));
    free(path);
    return f;
}

int
outdir_close(const struct outdir *d, FILE *f, const char *name)
{
    int bad = ferror(f);

    if (fclose(f) != 0 || bad) {
        log_error("cannot write %s/%s: %s", d->final, name,
                  strerror(errno ? errno : EIO));
        return SIM_EIO;
    }
    return 0;
}

static int
remove_entry(const char *path, const struct stat *st, int type,
             struct FTW *ftw)
{
    (void)st;
    (void)type;
    (void)ftw;
    return remove(path) != 0 ? -1 : 0;
}

static void
remove_tree(const char *path)
{
    nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

int
outdir_commit(struct outdir *d)
{
    char *old;
    int rc = 0;

    if (renameat2(AT_FDCWD, d->tmp, AT_FDCWD, d->final, RENAME_EXCHANGE) ==
        0) {
        remove_tree(d->tmp); /* now the old results */
    } else if (errno == ENOENT && rename(d->tmp, d->final) == 0) {
        /* Nothing to replace. */
    } else if (errno == EINVAL || errno == ENOSYS) {
        /* The file system cannot swap: move the old one aside first. */
        old = xasprintf("%s.old", d->tmp);
        if (rename(d->final, old) == 0 && rename(d->tmp, d->final) == 0) {
            remove_tree(old);
        } else {
            log_error("cannot replace %s: %s", d->final, strerror(errno));
            rc = SIM_EIO;
        }
        free(old);
    } else {
        log_error("cannot move results to %s: %s", d->final,
                  strerror(errno));
        rc = SIM_EIO;
    }
    if (rc != 0)
        remove_tree(d->tmp);
    if (pending_tmp == d->tmp)
        pending_tmp = NULL;
    free(d->tmp);
    free(d->final);
    d->tmp = d->final = NULL;
    return rc;
}

void
outdir_abort(struct outdir *d)
{
    if (d == NULL)
        return;
    if (d->tmp != NULL)
        remove_tree(d->tmp);
    if (pending_tmp == d->tmp)
        pending_tmp = NULL;
    free(d->tmp);
    free(d->final);
    d->tmp = d->final = NULL;
}
