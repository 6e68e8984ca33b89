/**
 * README "Auth": `Authorization: Basic base64("{email}/token:{api_token}")` or `Bearer {oauth_token}`.
 * The sandbox accepts any email with its one token (SPEC "Sandbox": "any email, token from --token").
 */
export function isAuthenticated(header: string | undefined, token: string): boolean {
  if (!header) return false;
  const [scheme, credentials = ''] = header.trim().split(/\s+/, 2);
  if (scheme?.toLowerCase() === 'bearer') return credentials === token;
  if (scheme?.toLowerCase() !== 'basic') return false;
  const decoded = Buffer.from(credentials, 'base64').toString('utf8');
  const separator = decoded.indexOf('/token:');
  return separator > 0 && decoded.slice(separator + '/token:'.length) === token;
}
