export * from './directory';
export * from './parse-directory';
export * from './versions/directory-version-applied';
export * from './versions/directory-versions';
export * from './directory-reader';
export * from './nest/directory.module';
export * from './directory-diff';
