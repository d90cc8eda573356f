/*
 * The shared harness of the importer fuzz targets: each target writes the
 * fuzzer's bytes to a file in a scratch folder on tmpfs and imports it into
 * one seller store, with the report type forced or detected.
 *
 * The input is the file, byte for byte. The import options come from its
 * length, so one corpus exercises them all and a crash input alone says
 * how it was imported: charset = length % 3 (0 utf-8, 1 windows-1252,
 * 2 iso-8859-1), lenient = (length / 3) % 2.
 */
#ifndef FBAUDIT_FUZZ_HARNESS_H
#define FBAUDIT_FUZZ_HARNESS_H

#include <stddef.h>
#include <stdint.h>

/*
 * Creates the scratch folder (under $FUZZ_TMPDIR, else /dev/shm, else
 * $TMPDIR, else /tmp) and opens the store in it; removed at exit. Dies
 * with a message if it cannot. Call from LLVMFuzzerInitialize.
 */
void	 harness_init(void);
/*
 * Imports the n bytes at data as a report of the type named (NULL:
 * detect it). Aborts if the importer breaks its contract; bad input is
 * fine. Every 200 successful imports the store is dropped and re-created.
 */
void	 harness_import(const char *type, const uint8_t *data, size_t n);

int	 LLVMFuzzerInitialize(int *argc, char ***argv);
int	 LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The two entry points of a target importing as type (NULL: detect). */
#define HARNESS_TARGET(type)						\
int									\
LLVMFuzzerInitialize(int *argc, char ***argv)				\
{									\
	(void)argc;							\
	(void)argv;							\
	harness_init();							\
	return 0;							\
}									\
									\
int									\
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)		\
{									\
	harness_import((type), data, size);				\
	return 0;							\
}

#endif
