# kw_warn_cflags.m4: knotwise's own compiler-flag probe.
#
# KW_WARN_CFLAGS(VARIABLE, FLAG...)
# --------------------------------
# Append to VARIABLE (and AC_SUBST it) each FLAG the C compiler accepts,
# tried one at a time with -Werror so that a flag the compiler only warns
# about is left out.  Written here rather than taken from autoconf-archive
# so that the build needs no macro outside this directory.
AC_DEFUN([KW_WARN_CFLAGS],
[AC_REQUIRE([AC_PROG_CC])dnl
m4_foreach_w([kw_flag], [$2],
[AC_CACHE_CHECK([whether $CC accepts ]kw_flag,
  [AS_TR_SH([kw_cv_cflag_]kw_flag)],
  [kw_saved_cflags=$CFLAGS
   CFLAGS="$CFLAGS -Werror kw_flag"
   AC_COMPILE_IFELSE([AC_LANG_PROGRAM([], [])],
     [AS_TR_SH([kw_cv_cflag_]kw_flag)=yes],
     [AS_TR_SH([kw_cv_cflag_]kw_flag)=no])
   CFLAGS=$kw_saved_cflags])
AS_IF([test "x$AS_TR_SH([kw_cv_cflag_]kw_flag)" = xyes],
  [$1="${$1:+$$1 }kw_flag"])
])dnl
AC_SUBST([$1])dnl
])
