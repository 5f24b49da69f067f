/*
 * html_css: the handout's style sheet, inline in the page: on screen a
 * sheet of paper, printed one or two pages of A4 or US Letter (the
 * printer's paper decides; the page sets no size).
 */
#ifndef KW_HTML_CSS_H
#define KW_HTML_CSS_H

extern const char kw_html_css[];

#endif
