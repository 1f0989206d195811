// The package ships no types; the synthesis worker wraps what it uses in EspeakEngine.
declare module '@echogarden/espeak-ng-emscripten' {
  const createModule: () => Promise<{ eSpeakNGWorker: new () => unknown }>;
  export default createModule;
}
