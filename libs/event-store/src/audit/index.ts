export * from './anchor';
export * from './anchor-chain';
export * from './anchored-stream';
export * from './evidence-bundle';
export * from './merkle';
export * from './signing-key';
export * from './anchored-audit';
