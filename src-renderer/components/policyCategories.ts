import type { PolicyCategory } from '../../src-shared/domain';

/** What each policy category covers, in the words the app shows (Settings and inline results). */
export const POLICY_CATEGORY_TEXT: Record<PolicyCategory, { title: string; description: string }> = {
  hate: { title: 'Hate', description: 'Attacks on people for who they are.' },
  violent_threat: { title: 'Violent threats', description: 'Threats of violence against a person or a group.' },
  sexual_minors: { title: 'Sexual content involving minors', description: 'Always refused.' },
  fraud_scam: {
    title: 'Fraud and scams',
    description: 'Scripts built to deceive: fake prizes, urgent payment or password requests.',
  },
  impersonation: { title: 'Impersonation', description: 'Speaking as a real, named person or an authority to mislead.' },
  election_robocall: {
    title: 'Election robocalls',
    description: 'Calls that mislead voters about when, where or how to vote.',
  },
  self_harm: { title: 'Self-harm', description: 'Encouragement of self-harm or suicide.' },
};
