/*
 * What the parts of the configuration reader share: lib/config.c loads
 * and frees, lib/config_keys.c knows every key and stores its value,
 * lib/config_check.c checks values, lib/config_section.c starts
 * sections and finishes sellers, lib/config_secret.c reads secrets.
 * Private to lib/config*.c.
 */
#ifndef FBAUDIT_CONFIG_INT_H
#define FBAUDIT_CONFIG_INT_H

#include <stddef.h>
#include <stdio.h>

struct buf;
struct config;
struct config_csm;
struct config_seller;

/*
 * The secret files' paths are kept aside (struct config_pending): a
 * CK_FILE key's off says which of the slots below it fills.
 */
enum config_secret {
	SECRET_CLIENT,
	SECRET_REFRESH,
	SECRET_GATEWAY,
	SECRET_SMTP,
	SECRET_COUNT
};

/* The most keys a section's table has: config_pending's lines. */
#define CONFIG_MAX_KEYS	24

/* What parsing collects besides the values: lines and secret paths. */
struct config_pending {
	char	*path[SECRET_COUNT];
	int	 line[SECRET_COUNT];
	/* line of each key of the section, by its index in the table;
	 * read by name (config_key_line), never by a number */
	int	 seen_lines[CONFIG_MAX_KEYS];
};

struct config_parse {
	struct config		 *cf;
	struct buf		 *err;
	FILE			 *fp;
	int			  line;		/* of the last line read */
	int			  header_line;	/* of the last [section] */
	int			  section_line;	/* of the section in use */
	int			  errors;
	int			  in_main;	/* the current section */
	struct config_seller	 *seller;	/* or NULL */
	struct config_csm	 *csm;		/* or NULL */
	struct config_pending	 *csm_p;	/* one per CSM */
	char			 *section;	/* its name as last seen */
	int			  skip_section;	/* bad header: ignore keys */
	struct config_pending	  main_p;
	struct config_pending	 *seller_p;	/* one per seller */
	int			  seen_main;
};

/* Reports an error of the configuration at line (and key): loading fails. */
void	 config_error(struct config_parse *p, int line, const char *key,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Reports an error to `to`: p's errors (counted), or one seller's. */
void	 config_report(struct config_parse *p, struct buf *to, int line,
	    const char *key, const char *fmt, ...)
	    __attribute__((format(printf, 5, 6)));

/* inih's handler: one key, or (name NULL) a new section. */
int	 config_handler(void *arg, const char *section, const char *name,
	    const char *value);
/* The line [fbaudit]'s key name was set on, 0 when it was not. */
int	 config_main_line(const struct config_pending *pend,
	    const char *name);

/*
 * Value checks (lib/config_check.c): each returns NULL, or why the value
 * is refused. config_url_check is lib/config.h's.
 */
const char	*config_smtp_url_check(const char *url);
const char	*config_email_check(const char *s);
/* A decimal number of seconds in [min, max] into out. */
const char	*config_seconds(const char *v, double min, double max,
		    double *out);
/* A whole number in [min, max] into out. */
const char	*config_count(const char *v, double min, double max, int *out);
/* yes or no into 1 or 0. */
const char	*config_bool(const char *v, int *out);
/* A comma-separated list of marketplace ids into a new array (caller
 * frees each and the array). */
const char	*config_list(const char *v, char ***out, size_t *n);

/* Starts the section name: [fbaudit], [seller ID] or [csm NAME]. */
void	 config_section(struct config_parse *p, const char *section);
/* Checks a seller section as a whole and reads its secrets. */
void	 config_seller_finish(struct config_parse *p, struct config_seller *s,
	    struct config_pending *pend);

/*
 * A secret from its file, else from the environment env (required: its
 * absence is a problem); registered with the log redactor. Returns it
 * (caller frees, with config_wipe()), or NULL with the problem sent to
 * `to`.
 */
char	*config_secret(struct config_parse *p, struct buf *to,
	    struct config_pending *pend, enum config_secret which,
	    const char *key, const char *env, int line, int required);
/* Registers with the redactor every secret the environment holds. */
void	 config_env_secrets(void);
/* Overwrites a secret before freeing it; NULL is a no-op. */
void	 config_wipe(char *s);

#endif
