/** `name@provider` qualification (Traefik): a reference without `@` resolves inside its provider. */
export interface QualifiedName {
  name: string;
  provider: string;
}

export function qualify(name: string, provider: string): string {
  return name.includes('@') ? name : `${name}@${provider}`;
}

export function splitQualified(qualified: string): QualifiedName {
  const at = qualified.lastIndexOf('@');
  if (at < 0) return { name: qualified, provider: '' };
  return { name: qualified.slice(0, at), provider: qualified.slice(at + 1) };
}

export function isQualified(name: string): boolean {
  return name.includes('@');
}
