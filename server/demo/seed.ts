// `--demo`: puts the demo world into the service's records. Safe to run on every start.
import type { Db } from '../store/database';
import { Directory } from '../store/directory';
import { demoPersons, demoUnits } from './demo-data';

export function seedDemo(db: Db): void {
  const directory = new Directory(db);
  db.transaction(() => {
    for (const unit of demoUnits) directory.upsertUnit(unit);
    for (const person of Object.values(demoPersons)) {
      if (!person.registered) continue;
      directory.upsertPerson({ residentId: person.residentId, name: person.name });
      for (const { unitNo, role } of person.roles)
        directory.grantRole(person.residentId, unitNo, role);
    }
  })();
}
