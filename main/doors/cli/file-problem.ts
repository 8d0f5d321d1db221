/**
 * Why a file could not be read or written, in words: the error code alone (ENOENT, EACCES) tells an administrator
 * little. `writing` says a missing path means a missing folder.
 */
export function fileProblem(error: unknown, writing = false): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return writing ? 'the folder does not exist' : 'there is no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'that is a folder, not a file';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EROFS':
      return 'the file system is read-only';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}
