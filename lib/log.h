/*
 * Logging to stderr with levels. Every line passes through the redactor
 * first: registered secrets and anything shaped like an LWA token, client
 * secret or bearer token are replaced by "[redacted]", so no code path can
 * leak a secret by logging it.
 */
#ifndef FBAUDIT_LOG_H
#define FBAUDIT_LOG_H

#include <stddef.h>

struct buf;

enum log_level {
	LOG_LEVEL_ERROR,
	LOG_LEVEL_WARN,
	LOG_LEVEL_INFO,
	LOG_LEVEL_DEBUG
};

/* Sets the most verbose level printed (default LOG_LEVEL_INFO). */
void	 log_set_level(enum log_level level);
/* Returns the current level. */
enum log_level log_get_level(void);
/*
 * Registers a secret to redact from every later line (copied; >= 4
 * bytes; any number of them; safe from several threads).
 */
void	 log_add_secret(const char *secret);
/* Forgets every registered secret (tests). */
void	 log_clear_secrets(void);
/* Rewrites b in place with every secret redacted. */
void	 log_redact(struct buf *b);
/*
 * Makes b fit to print or store, in place: redacted as log_redact does,
 * then every control byte (line breaks and tabs included), C1 control and
 * byte that is not UTF-8 replaced by its visible escape ("\x1b",
 * "\u009b"). For text that comes from a server, and for every text that
 * leaves the process or enters the store. Log lines get the same, line
 * breaks and tabs kept.
 */
void	 log_clean(struct buf *b);
/*
 * Writes s (NULL: "") into out, of len bytes, as log_clean makes it, cut
 * to fit after it is redacted and at a character's end. Returns out.
 */
char	*log_clean_copy(char *out, size_t len, const char *s);
/* Logs an error: "fbaudit: error: ...". */
void	 log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Logs a warning: "fbaudit: warning: ...". */
void	 log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Logs progress worth a line in cron mail: "fbaudit: ...". */
void	 log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Logs detail shown with -v: "fbaudit: debug: ...". */
void	 log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * Shows a progress line, when stderr is a terminal and the level is
 * info or more (never in cron mail or a log file): redrawn under every
 * log line, replaced by the next call.
 */
void	 log_status(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Erases the progress line: before writing to stdout, which may share
 * the terminal, and at the end. */
void	 log_status_clear(void);
/*
 * Writes line and a line break on stdout, flushed, the progress line
 * erased first under the log's lock, so that no other thread's progress
 * line lands inside a summary line on a terminal.
 */
void	 log_stdout_line(const char *line);

#endif
