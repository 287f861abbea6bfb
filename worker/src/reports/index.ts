// The public face of `reports`: what other capabilities may use (a dependency rule holds them to it).
export * from './roll-window';
