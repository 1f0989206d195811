/** eSpeak NG's output rate (fixed by the engine). */
export const ESPEAK_SAMPLE_RATE_HZ = 22_050;
/** Voice ids: lower-case, safe as file names. */
export const VOICE_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;
