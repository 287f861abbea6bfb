// The public face of `onec`: what other capabilities may use (a dependency rule holds them to it).
export * from './cron';
export * from './outbox';
export * from './replay';
export { OLDER_VERSION_PREFIX } from './versions';
export * from './check-odata';
