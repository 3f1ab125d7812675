/*
 * commands.h: one cmd_* function per subcommand, as in git's builtin/.
 * Each takes its own argv (argv[0] is the subcommand name) and returns
 * the process exit status.
 */
#ifndef SS_COMMANDS_H
#define SS_COMMANDS_H

int cmd_scan(int argc, char **argv);
int cmd_nightly(int argc, char **argv);
int cmd_roots(int argc, char **argv);
int cmd_quarantine(int argc, char **argv);
int cmd_submit(int argc, char **argv);

#endif
