const PHRASES: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a path component is not a directory',
  EISDIR: 'is a directory',
  ELOOP: 'too many levels of symbolic links',
  EMFILE: 'too many open files',
  ENOSPC: 'no space left on device',
  EROFS: 'read-only file system',
  EIO: 'input/output error',
  EBUSY: 'resource busy (a mount point, or a file in use)',
  EXDEV: 'cannot rename across file systems',
};

/**
 * A short human reading of a Node.js system error, with its code: `no such file or directory
 * (ENOENT)`. Other errors give their message.
 */
export function systemErrorText(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return `${PHRASES[code] ?? (error as Error).message} (${code})`;
  return error instanceof Error ? error.message : String(error);
}
