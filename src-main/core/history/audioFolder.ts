import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { TEMP_FILE_PREFIX, writeFileAtomic } from '../files';

const AUDIO_FOLDER = 'audio';
const AUDIO_FILE_PATTERN = /^([0-9a-f]{16})\.wav$/;

export interface AudioFolderScan {
  /** Generation ids that have a `<id>.wav` file. */
  audioIds: Set<string>;
  tempFiles: string[];
}

/** The generations' WAV files: `<dataDir>/audio/<id>.wav`, named only by validated ids. */
export class AudioFolder {
  readonly path: string;

  constructor(private readonly dataDir: string) {
    this.path = join(dataDir, AUDIO_FOLDER);
    mkdirSync(this.path, { recursive: true, mode: 0o700 });
  }

  /** The value stored in `generations.audio_file`: relative to dataDir, '/'-separated on every OS. */
  relativePathFor(id: string): string {
    return `${AUDIO_FOLDER}/${id}.wav`;
  }

  /**
   * Resolves a stored `audio_file` value; null if it points anywhere but inside the audio folder
   * (a hand-edited database must not make the studio read or delete arbitrary files).
   */
  resolveStored(relativePath: string): string | null {
    const absolute = resolve(this.dataDir, ...relativePath.split('/'));
    return absolute.startsWith(this.path + sep) ? absolute : null;
  }

  write(id: string, bytes: Uint8Array): void {
    writeFileAtomic(this.absolutePathFor(id), bytes);
  }

  read(absolutePath: string): Uint8Array | null {
    try {
      const buffer = readFileSync(absolutePath);
      return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  exists(absolutePath: string): boolean {
    return existsSync(absolutePath);
  }

  remove(absolutePath: string): void {
    rmSync(absolutePath, { force: true });
  }

  removeById(id: string): void {
    this.remove(this.absolutePathFor(id));
  }

  removeTempFile(name: string): void {
    rmSync(join(this.path, name), { force: true });
  }

  scan(): AudioFolderScan {
    const audioIds = new Set<string>();
    const tempFiles: string[] = [];
    for (const name of readdirSync(this.path)) {
      const match = AUDIO_FILE_PATTERN.exec(name);
      if (match) audioIds.add(match[1]);
      else if (name.startsWith(TEMP_FILE_PREFIX)) tempFiles.push(name);
    }
    return { audioIds, tempFiles };
  }

  private absolutePathFor(id: string): string {
    return join(this.path, `${id}.wav`);
  }
}
