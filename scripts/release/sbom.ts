/**
 * The release SBOM: npm's CycloneDX output for the whole lockfile, checked against (and
 * corrected by) what actually ships. `npm sbom --omit dev` is not used: it drops production
 * packages that dev tools also depend on (zod, semver, ...), so the full tree is taken, where
 * npm marks development-only packages with scope "optional" and cdx:npm:package:development.
 */
import type { ShippedComponent } from './licences';

interface CdxComponent {
  'bom-ref'?: string;
  name: string;
  version: string;
  scope?: string;
  properties?: Array<{ name: string; value: string }>;
}
export interface CycloneDx {
  bomFormat: string;
  specVersion: string;
  metadata?: { component?: { name?: string; 'bom-ref'?: string } };
  components?: CdxComponent[];
}

const DEVELOPMENT = 'cdx:npm:package:development';
export const SHIPPED_RUNTIME_PROPERTY = 'voicemark:shipped-runtime';

/**
 * Names the application as package.json does (npm uses the checkout folder's name), marks the
 * Electron runtime as shipped, and reports every shipped component the SBOM lacks or calls
 * development-only.
 */
export function reconcileSbom(sbom: CycloneDx, packageName: string, shipped: readonly ShippedComponent[]): { sbom: CycloneDx; problems: string[] } {
  const problems: string[] = [];
  if (sbom.bomFormat !== 'CycloneDX') problems.push(`bomFormat is ${sbom.bomFormat}, not CycloneDX`);
  const components = sbom.components ?? [];
  const metadataComponent = { ...sbom.metadata?.component, name: packageName };
  const byRef = new Map(components.map((c) => [`${c.name}@${c.version}`, c]));
  for (const item of shipped) {
    const component = byRef.get(`${item.name}@${item.version}`);
    if (component == null) {
      problems.push(`${item.name}@${item.version} ships but is not in the SBOM`);
      continue;
    }
    if (item.role === 'runtime') {
      component.scope = 'required';
      component.properties = [...(component.properties ?? []).filter((p) => p.name !== DEVELOPMENT), { name: SHIPPED_RUNTIME_PROPERTY, value: 'true' }];
    } else if (component.properties?.some((p) => p.name === DEVELOPMENT && p.value === 'true')) {
      problems.push(`${item.name}@${item.version} ships but the SBOM marks it development-only`);
    }
  }
  return { sbom: { ...sbom, metadata: { ...sbom.metadata, component: metadataComponent } }, problems };
}
