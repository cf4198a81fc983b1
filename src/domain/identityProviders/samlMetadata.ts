const REDIRECT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";

export interface SamlIdpEndpoints {
  ssoRedirect: string;
  sloRedirect?: string;
}

/**
 * The HTTP-Redirect sign-in and sign-out addresses of an IdP's metadata, which DescribeIdentityProvider reports
 * as SSORedirectBindingURI and SLORedirectBindingURI; undefined when the document has no IDPSSODescriptor
 * with a redirect SingleSignOnService. Only these attributes are read here: the sign-in itself verifies the
 * metadata's certificates with a SAML library.
 */
export function samlIdpEndpoints(metadata: string): SamlIdpEndpoints | undefined {
  const descriptor = /<(?:[\w-]+:)?IDPSSODescriptor\b[\s\S]*?<\/(?:[\w-]+:)?IDPSSODescriptor>/.exec(metadata)?.[0];
  if (descriptor === undefined) return undefined;
  const ssoRedirect = redirectLocation(descriptor, "SingleSignOnService");
  if (ssoRedirect === undefined) return undefined;
  const sloRedirect = redirectLocation(descriptor, "SingleLogoutService");
  return sloRedirect === undefined ? { ssoRedirect } : { ssoRedirect, sloRedirect };
}

function redirectLocation(descriptor: string, element: string): string | undefined {
  for (const match of descriptor.matchAll(new RegExp(`<(?:[\\w-]+:)?${element}\\b([^>]*)>`, "g"))) {
    const attributes = Object.fromEntries(
      [...match[1]!.matchAll(/([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)].map((attribute) => [attribute[1]!, unescapeXml(attribute[2] ?? attribute[3]!)]),
    );
    if (attributes.Binding === REDIRECT_BINDING && attributes.Location) return attributes.Location;
  }
  return undefined;
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}
