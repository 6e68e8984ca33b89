import { inheritIdentity } from '../resources/identity.js';
import { DESCRIPTORS, type ManagedType } from '../resources/index.js';
import { liveKeyOf, NameIndex, type ApiId, type ApiObject, type LiveState } from '../resources/live.js';
import type { SecretReader } from './secrets.js';

/**
 * What apply knows of the live instance while it runs: the state read before the first write,
 * plus what each write answered (new ids, moved positions), so later changes resolve names to
 * the ids that exist now.
 */
export class ApplyContext {
  readonly names: NameIndex;
  private readonly objects = new Map<ManagedType, Map<string, ApiObject>>();
  /** Natural key → object per type, for byKey; dropped whenever that type's objects change. */
  private readonly keyIndexes = new Map<ManagedType, Map<string, ApiObject>>();

  /** The value of a secret's environment variable; read only when a write sends it. */
  readonly secret: SecretReader;

  constructor(live: LiveState, secret: SecretReader = () => undefined) {
    this.secret = secret;
    this.names = NameIndex.fromLive(live);
    for (const [type, objects] of Object.entries(live.objects) as [ManagedType, ApiObject[]][]) {
      this.objects.set(type, new Map(objects.map((o) => [String(o.id), o])));
    }
  }

  /** Every live object of a type, in the order Zendesk positions them. */
  objectsOf(type: ManagedType): ApiObject[] {
    return [...(this.objects.get(type)?.values() ?? [])];
  }

  byId(type: ManagedType, id: ApiId): ApiObject | undefined {
    return this.objects.get(type)?.get(String(id));
  }

  /** The first non-system object of the type with this natural key; an index built once per type, not a scan per call. */
  byKey(type: ManagedType, key: string): ApiObject | undefined {
    let index = this.keyIndexes.get(type);
    if (!index) {
      const descriptor = DESCRIPTORS[type];
      index = new Map();
      for (const object of this.objects.get(type)?.values() ?? []) {
        const objectKey = liveKeyOf(descriptor, object);
        if (!descriptor.isSystem(object) && !index.has(objectKey)) index.set(objectKey, object);
      }
      this.keyIndexes.set(type, index);
    }
    return index.get(key);
  }

  /** Records what Zendesk answered for a create or update, so names and positions stay current. */
  remember(type: ManagedType, object: ApiObject): void {
    if (!this.objects.has(type)) this.objects.set(type, new Map());
    const previous = this.objects.get(type)!.get(String(object.id));
    if (previous) inheritIdentity(DESCRIPTORS[type], previous, object);
    this.objects.get(type)!.set(String(object.id), object);
    this.keyIndexes.delete(type);
    const kind = DESCRIPTORS[type].referencedAs;
    if (kind) this.names.add(kind, object.id, liveKeyOf(DESCRIPTORS[type], object));
    this.names.addFieldOptions(type, object);
  }

  /** Records a delete: the object, and its name, no longer resolve (a replace's create then takes the name). */
  forget(type: ManagedType, id: ApiId): void {
    this.objects.get(type)?.delete(String(id));
    // A field deleted to be created again (a type change) frees its name for the new id.
    const kind = DESCRIPTORS[type].referencedAs;
    if (kind) this.names.remove(kind, id);
    this.keyIndexes.delete(type);
  }
}
