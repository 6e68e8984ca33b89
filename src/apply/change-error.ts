/** A change that cannot be carried out for a reason of zdctl's own (not Zendesk's answer). */
export class ChangeError extends Error {}
