/*
 * utf8.c - decoding and checking UTF-8.
 */
#include "utf8.h"

int
utf8_decode(const char *s, size_t n, unsigned *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned c, min;
	size_t len, i;

	if (n == 0)
		return -1;
	c = p[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2, min = 0x80, c &= 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3, min = 0x800, c &= 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4, min = 0x10000, c &= 0x07;
	} else {
		return -1;	/* continuation byte, C0/C1 overlong, F5..FF */
	}
	if (n < len)
		return -1;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return -1;
		c = c << 6 | (p[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return -1;
	*cp = c;
	return (int)len;
}

int
utf8_valid(const char *s, size_t n)
{
	unsigned cp;
	int len;

	while (n > 0) {
		if ((len = utf8_decode(s, n, &cp)) < 0)
			return 0;
		s += len;
		n -= (size_t)len;
	}
	return 1;
}
