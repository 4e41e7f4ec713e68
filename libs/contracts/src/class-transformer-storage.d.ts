// class-transformer keeps @Type's metadata here and exports no way to reach it from its index; its own type
// declarations live under types/, which the cjs path does not find by itself.
declare module 'class-transformer/cjs/storage' {
  export const defaultMetadataStorage: import('class-transformer/types/MetadataStorage').MetadataStorage;
}
