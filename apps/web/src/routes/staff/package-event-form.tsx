import { useState, type FormEvent } from 'react';
import { SHIPMENT_STATUSES, type ShipmentStatus } from '@igniflo/contract/constants';
import type { AddShipmentEventBody } from '@igniflo/contract';
import { PACKAGE_STATUS_LABEL } from '../../components/packages.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Input, inputClass } from '../../components/ui/field.tsx';

/** Staff record a package's progress: a status, and where. */
export function PackageEventForm({
  number,
  add,
  pending,
}: {
  number: number;
  add: (body: AddShipmentEventBody) => Promise<unknown>;
  pending: boolean;
}) {
  const [status, setStatus] = useState<ShipmentStatus>('IN_TRANSIT');
  const [location, setLocation] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void add({ status, ...(location.trim() ? { location: location.trim() } : {}) })
      .then(() => setLocation(''))
      .catch(() => undefined);
  };
  return (
    <form
      onSubmit={submit}
      className="flex flex-wrap items-end gap-2"
      aria-label={`Update package ${number}`}
    >
      <label className="flex flex-col text-sm">
        Status
        <select
          className={inputClass}
          value={status}
          onChange={(e) => setStatus(e.target.value as ShipmentStatus)}
        >
          {SHIPMENT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {PACKAGE_STATUS_LABEL[s]}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col text-sm">
        Where
        <Input value={location} maxLength={200} onChange={(e) => setLocation(e.target.value)} />
      </label>
      <Button type="submit" size="sm" variant="secondary" disabled={pending}>
        Add update
      </Button>
    </form>
  );
}
