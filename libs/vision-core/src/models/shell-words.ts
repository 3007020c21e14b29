/**
 * Command-line arguments as one line a POSIX shell reads back into the same arguments: a word the
 * shell takes literally stays as it is, any other is single-quoted (e.g. `--cnn-layer 'a|b'`). Model
 * cards and reports record the command that made them this way, so it can be pasted and rerun.
 */
export function shellWords(args: readonly string[]): string {
  return args.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`)).join(' ');
}
