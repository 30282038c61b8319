/** Pure rules for fee items: which terms fit which kind of item. */
import type { FeePricing, MeterKind } from '@propdesk/contracts';
import type { Localized } from '../../http/errors.js';

export interface FeeItemTerms {
  pricing: FeePricing;
  meterKind: MeterKind | null;
  cycle: string;
}

/** A problem with the combination of terms (field path and text), or null when they fit. */
export function feeItemTermsProblem(t: FeeItemTerms): { path: string; text: Localized } | null {
  if (t.pricing.kind === 'metered' && !t.meterKind) {
    return { path: 'body.meterKind', text: { zh: '按用量收费的项目须指定表类型（水表、电表或燃气表）', en: 'a metered item needs a meter kind (water, electricity or gas)' } };
  }
  if (t.pricing.kind !== 'metered' && t.meterKind) {
    return { path: 'body.meterKind', text: { zh: '只有按用量收费的项目才有表类型', en: 'only metered items have a meter kind' } };
  }
  if (t.pricing.kind === 'metered' && t.cycle !== 'monthly') {
    return { path: 'body.cycle', text: { zh: '按用量收费的项目按月出账', en: 'metered items are billed monthly' } };
  }
  return null;
}
