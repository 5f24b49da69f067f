/*
 * exit_status: the exit statuses of knotwise (sysexits.h), in one place.
 * The command line returns them; the library itself ends the program only
 * when memory runs out, with KW_EXIT_SOFTWARE (see arena.h).
 */
#ifndef KW_EXIT_STATUS_H
#define KW_EXIT_STATUS_H

enum kw_exit {
	KW_EXIT_OK = 0,
	KW_EXIT_CHECK_FAILED = 1,
	KW_EXIT_USAGE = 64,
	KW_EXIT_DATAERR = 65,
	KW_EXIT_NOINPUT = 66,
	KW_EXIT_SOFTWARE = 70,
	KW_EXIT_IOERR = 74,
	KW_EXIT_CONFIG = 78,
	KW_EXIT_INTERRUPTED = 130
};

#endif
