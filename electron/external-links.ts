// The only way the app opens anything in the user's browser: an id mapped to a fixed https:// URL
// (Electron security checklist item 15). `shell.openExternal` is called nowhere else (a test checks the sources).

export const EXTERNAL_LINKS = Object.freeze({
  'aws-ec2-pricing': 'https://aws.amazon.com/ec2/pricing/on-demand/',
  'aws-lambda-pricing': 'https://aws.amazon.com/lambda/pricing/',
  'aws-fargate-pricing': 'https://aws.amazon.com/fargate/pricing/',
  'aws-ebs-pricing': 'https://aws.amazon.com/ebs/pricing/',
} as const);

export type ExternalLinkId = keyof typeof EXTERNAL_LINKS;

export function isExternalLinkId(id: unknown): id is ExternalLinkId {
  return typeof id === 'string' && Object.prototype.hasOwnProperty.call(EXTERNAL_LINKS, id);
}

/** The id of a URL that is exactly one of the fixed links (used for `<a target="_blank">` in the renderer). */
export function externalLinkIdForUrl(url: string): ExternalLinkId | undefined {
  return (Object.keys(EXTERNAL_LINKS) as ExternalLinkId[]).find((id) => EXTERNAL_LINKS[id] === url);
}

/** Opens the fixed URL of `id`; anything else is refused. */
export function createExternalOpener(
  openInBrowser: (url: string) => Promise<void>,
): (id: unknown) => Promise<boolean> {
  return async (id) => {
    if (!isExternalLinkId(id)) return false;
    await openInBrowser(EXTERNAL_LINKS[id]);
    return true;
  };
}
