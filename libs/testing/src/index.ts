export * from './built-service';
export * from './docker';
export * from './eventually';
export * from './free-port';
export * from './infrastructure-env';
export * from './integration-suite';
export * from './isolation';
export * from './probes';
