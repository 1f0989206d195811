import { expect } from 'vitest';
import { StudioError } from '../../../../src-shared/errors';
import { decodeAudioBytes } from '../index';

/** 'OK' when the bytes decode; otherwise the code of the StudioError that refused them (any other error fails the test). */
export async function decodeCode(bytes: Uint8Array): Promise<string> {
  try {
    await decodeAudioBytes(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(StudioError);
    return (error as StudioError).code;
  }
  return 'OK';
}
