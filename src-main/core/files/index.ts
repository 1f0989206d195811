export { writeFileAtomic, TEMP_FILE_PREFIX } from './atomicWrite';
export { assertReadableInputFile, assertOutputFolderExists } from './inputFile';
export { sha256Hex, sha256File } from './hash';
