/*
 * The configuration's secrets: read from files that keep them secret
 * (owner, mode, no symbolic link out of their folder, one line), else
 * from the environment, and every one registered with the log redactor.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/buf.h"
#include "lib/config.h"
#include "lib/config_int.h"
#include "lib/log.h"
#include "lib/mem.h"

/* Longest secret file read: LWA refresh tokens are about 400 bytes. */
#define CONFIG_MAX_SECRET	4096

char *
config_env_name(const char *what, const char *seller)
{
	char *name, *p;

	name = xasprintf("FBAUDIT_%s_%s", what, seller);
	for (p = name; *p != '\0'; p++)
		if (*p == '-')
			*p = '_';
	return name;
}

/*
 * Where a secret file really is. Symbolic links are followed, because
 * Kubernetes mounts each key of a Secret as KEY -> ..data/KEY with
 * ..data -> ..TIMESTAMP/, but only within the folder that names the file:
 * a link out of it would lend fbaudit a file nobody chose as a secret.
 * Returns the resolved path (caller frees), or NULL, the reason sent to
 * `to`.
 */
static char *
config_secret_where(struct config_parse *p, struct buf *to,
    const char *path, int line, const char *key)
{
	char *dir, *slash, *rdir = NULL, *rpath = NULL;
	size_t n;

	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) == NULL) {
		free(dir);
		dir = xstrdup(".");
	} else if (slash == dir)
		slash[1] = '\0';
	else
		*slash = '\0';
	if ((rpath = realpath(path, NULL)) == NULL) {
		config_report(p, to, line, key, "%s: %s", path,
		    strerror(errno));
		goto out;
	}
	if ((rdir = realpath(dir, NULL)) == NULL) {
		config_report(p, to, line, key, "%s: %s", dir,
		    strerror(errno));
		free(rpath);
		rpath = NULL;
		goto out;
	}
	n = strlen(rdir);
	if (strcmp(rdir, "/") != 0 && (strncmp(rpath, rdir, n) != 0 ||
	    (rpath[n] != '/' && rpath[n] != '\0'))) {
		config_report(p, to, line, key, "%s: a symbolic link out of "
		    "its folder %s (to %s); a secret's links must stay in the "
		    "folder that names it", path, dir, rpath);
		free(rpath);
		rpath = NULL;
	}
out:
	free(rdir);
	free(dir);
	return rpath;
}

/*
 * Whether a secret file's owner and mode keep it secret
 * (docs/operations.md): owned by fbaudit's user or by root, writable by
 * its owner alone, readable by nobody else but its group, and by its
 * group only when that is the group fbaudit runs as (Kubernetes mounts
 * Secrets root-owned, mode 0440, group fsGroup). Returns NULL, or why not
 * in why.
 */
static const char *
config_secret_perms(const struct stat *sb, char *why, size_t len)
{
	unsigned mode = (unsigned)(sb->st_mode & 0777);

	if (sb->st_uid != geteuid() && sb->st_uid != 0)
		snprintf(why, len, "owned by uid %u, neither fbaudit's user "
		    "(uid %u) nor root", (unsigned)sb->st_uid,
		    (unsigned)geteuid());
	else if ((mode & 022) != 0)
		snprintf(why, len, "writable by group or others (mode %03o)",
		    mode);
	else if ((mode & 004) != 0)
		snprintf(why, len, "readable by others (mode %03o)", mode);
	else if ((mode & 040) != 0 && sb->st_gid != getegid())
		snprintf(why, len, "readable by group %u (mode %03o), and "
		    "fbaudit runs as group %u", (unsigned)sb->st_gid, mode,
		    (unsigned)getegid());
	else
		return NULL;
	return why;
}

/* A file type for an error message. */
static const char *
config_file_type(mode_t m)
{
	if (S_ISDIR(m))
		return "a directory";
	if (S_ISFIFO(m))
		return "a FIFO";
	if (S_ISSOCK(m))
		return "a socket";
	if (S_ISCHR(m) || S_ISBLK(m))
		return "a device";
	return "not a regular file";
}

/*
 * Reads a secret from a file that keeps it secret (config_secret_perms),
 * trimmed of the white space around it. Returns the secret (caller
 * frees), or NULL with the reason sent to `to`.
 */
static char *
config_secret_file(struct config_parse *p, struct buf *to, const char *path,
    int line, const char *key)
{
	struct stat sb;
	char buf[CONFIG_MAX_SECRET + 1], why[160], *s = NULL, *where;
	const char *bad;
	ssize_t n;
	size_t len = 0, a;
	int fd;

	if ((where = config_secret_where(p, to, path, line, key)) == NULL)
		return NULL;
	/*
	 * O_NONBLOCK: a FIFO opened for reading would wait for a writer
	 * forever; the type is checked before anything is read (a regular
	 * file ignores the flag). O_NOFOLLOW: a link put in place of the
	 * resolved path since is refused.
	 */
	fd = open(where, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	free(where);
	if (fd == -1) {
		config_report(p, to, line, key, "%s: %s", path,
		    strerror(errno));
		return NULL;
	}
	if (fstat(fd, &sb) == -1) {
		config_report(p, to, line, key, "%s: %s", path,
		    strerror(errno));
		goto out;
	}
	if (!S_ISREG(sb.st_mode)) {
		config_report(p, to, line, key, "%s: %s, not a regular file",
		    path, config_file_type(sb.st_mode));
		goto out;
	}
	if ((bad = config_secret_perms(&sb, why, sizeof(why))) != NULL) {
		config_report(p, to, line, key, "%s: %s; a secret must be "
		    "mode 600 or 400, or 640 or 440 with the group fbaudit "
		    "runs as", path, bad);
		goto out;
	}
	while (len < sizeof(buf) && (n = read(fd, buf + len,
	    sizeof(buf) - len)) > 0)
		len += (size_t)n;
	if (len > CONFIG_MAX_SECRET) {
		config_report(p, to, line, key, "%s: longer than %d bytes",
		    path, CONFIG_MAX_SECRET);
		goto out;
	}
	while (len > 0 && isspace((unsigned char)buf[len - 1]))
		len--;
	for (a = 0; a < len && isspace((unsigned char)buf[a]); a++)
		;
	if (a == len) {
		config_report(p, to, line, key, "%s: is empty", path);
		goto out;
	}
	if (memchr(buf + a, '\0', len - a) != NULL ||
	    memchr(buf + a, '\n', len - a) != NULL) {
		config_report(p, to, line, key, "%s: holds more than one "
		    "line", path);
		goto out;
	}
	s = xstrndup(buf + a, len - a);
out:
	explicit_bzero(buf, sizeof(buf));
	close(fd);
	return s;
}

/*
 * A secret from its file, else from the environment; registered with the
 * log redactor. A problem goes to `to`.
 */
char *
config_secret(struct config_parse *p, struct buf *to,
    struct config_pending *pend, enum config_secret which, const char *key,
    const char *env, int line, int required)
{
	const char *v;
	char *s = NULL;

	if (pend->path[which] != NULL)
		s = config_secret_file(p, to, pend->path[which],
		    pend->line[which], key);
	else if ((v = getenv(env)) != NULL && *v != '\0')
		s = xstrdup(v);
	else if (required)
		config_report(p, to, line, key, "no secret: set %s or the "
		    "environment variable %s", key, env);
	if (s != NULL)
		log_add_secret(s);
	return s;
}

/*
 * Registers with the redactor every secret the environment holds, read or
 * not: one set beside a secret file, or for a seller not configured, is
 * still a secret that an echoing server could put in front of a reader.
 */
extern char **environ;

void
config_env_secrets(void)
{
	static const char *const names[] = {
		"FBAUDIT_CLIENT_SECRET_", "FBAUDIT_REFRESH_TOKEN_",
		"FBAUDIT_GATEWAY_TOKEN=",
	};
	char *const *e;
	const char *eq;
	size_t i;

	for (e = environ; e != NULL && *e != NULL; e++)
		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (strncmp(*e, names[i], strlen(names[i])) == 0 &&
			    (eq = strchr(*e, '=')) != NULL)
				log_add_secret(eq + 1);
}

/* Overwrites a secret before freeing it. */
void
config_wipe(char *s)
{
	if (s != NULL) {
		explicit_bzero(s, strlen(s));
		free(s);
	}
}
