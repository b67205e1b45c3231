import { findNearDuplicates } from 'neardup';

const story = `The Home Secretary will raise the issue of encryption and security services' access to terrorists' communications at a summit with senior executives from a number of firms including Google, Microsoft, Twitter and Facebook. Although she will voice her concerns about encryption, the main focus of the meeting will be on efforts to tackle terrorist material and propaganda online.`;

const { clusters } = await findNearDuplicates([
  { id: 'wire', text: story },
  { id: 'outlet', text: `Tech bosses summoned to the Home Office. ${story} We use cookies to improve your experience.` },
  { id: 'other', text: 'Police named the attacker on Thursday and said he had acted alone, according to a statement.' },
]);
console.log(JSON.stringify(clusters, null, 2));
