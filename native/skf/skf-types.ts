// What the SKF worker reports about devices and their certificates. Plain data, so it can cross
// the worker boundary (structured clone) and be compared between polls.

export interface SkfPinView {
  maxRetries: number;
  retriesLeft: number;
}

export interface SkfCertificateEntry {
  /** Application and container, "app/container": pairs the certificate with its key. */
  keyRef: string;
  der: Uint8Array;
  /** The signing certificate of its container (an encryption certificate never signs). */
  signing: boolean;
}

export interface SkfDeviceEntry {
  /** The name SKF_EnumDev gives; it may change when the key moves to another USB port. */
  name: string;
  label: string;
  serialNumber: string;
  manufacturer: string;
  pin: SkfPinView;
  certificates: SkfCertificateEntry[];
}

/** The cheap view a poll needs: which devices are present, with their PIN counters. */
export interface SkfPresence {
  name: string;
  serialNumber: string;
  pin: SkfPinView;
}
