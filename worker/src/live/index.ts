// The public face of `live`: what other capabilities may use (a dependency rule holds them to it).
export * from './manager-channel';
export * from './push';
export * from './socket-auth';
