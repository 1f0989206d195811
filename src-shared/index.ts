export * from './limits';
export * from './errors';
export * from './domain';
export * from './contract';
