/*
 * Text inside XML and HTML documents (JUnit files, report.html).
 */
#ifndef MARKUP_H
#define MARKUP_H

#include <stdio.h>

/*
 * Write s with the five characters that can end or open markup written
 * as references, so that it is safe as element text and inside quoted
 * attributes of both XML and HTML.
 */
void markup_text(FILE *f, const char *s);

#endif
