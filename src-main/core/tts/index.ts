/** Text to speech: normalisation, sentence splitting, and synthesis in a worker. */
export { createSynthesizer } from './synthesizer';
export type { Synthesizer, SynthesisOptions, SynthesizerOptions, SentenceEvent } from './synthesizer';
export { splitSentences, MAX_SENTENCE_CHARS } from './sentences';
export { normalizeForSpeech } from './normalize';
export { phonemesToIds } from './phonemeIds';
export { probePiperModel } from './probe';
export type { ProbeOptions } from './probe';
export { createWorkerThreadTransport, createChildProcessTransport, defaultWorkerEntry } from './transport';
export type { SynthesisTransport } from './transport';
export { createWorkerExit, type WorkerExit } from './workerExit';
export type { HostMessage, WorkerMessage, ProbeRequest } from './protocol';
export type { PcmClip } from './pcm';
