#include "lib/text.h"

char *
text_terminal(char *out, size_t size, const char *s, size_t width)
{
	size_t i;

	for (i = 0; s != NULL && s[i] != '\0' && i < width && i + 1 < size;
	    i++)
		out[i] = (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? '?' :
		    s[i];
	out[i] = '\0';
	return out;
}

const char *
text_safe(const char *s)
{
	static char out[4][4096];
	static int next;

	next = (next + 1) % 4;
	return text_terminal(out[next], sizeof(out[next]), s,
	    sizeof(out[next]) - 1);
}
