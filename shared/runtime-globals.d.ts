// The few globals that exist in every place shared/ runs (Node, Electron, browsers), declared here
// because shared/ compiles without Node or DOM type libraries.
declare class URL {
  constructor(url: string, base?: string);
  href: string;
  protocol: string;
  username: string;
  password: string;
  host: string;
  hostname: string;
  port: string;
  pathname: string;
  search: string;
  hash: string;
  readonly origin: string;
  toString(): string;
}
