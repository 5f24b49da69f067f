/*
 * line_input: one line from the person at the terminal, with GNU readline
 * (editing, history, tab completion of the words offered) when knotwise
 * was built with it, else plain stdio.  Prompts go to stderr.
 */
#ifndef KW_LINE_INPUT_H
#define KW_LINE_INPUT_H

/* The words tab completes from now on (NULL-terminated), or NULL. */
void kw_input_offer(const char *const *words);
/* A line without its newline (free it), or NULL at end of input. */
char *kw_input_read(const char *prompt);

#endif
