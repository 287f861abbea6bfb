// The public face of `timeline`: what other capabilities may use (a dependency rule holds them to it).
export * from './log';
