export * from './directory';
export * from './parse-directory';
