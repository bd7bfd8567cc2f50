import { Alert, Loader, Text } from '@mantine/core';
import { lazy, Suspense, useEffect, useState } from 'react';
import type { ApiError } from '../../../../shared/api/errors';
import type { EvidenceItem } from '../../../../shared/api/ops/evidence';
import { messageFor } from '../../api/messages';
import { formatSize, previewKind, readEvidenceBlob } from './content';

// pdf.js is large: it loads only when a PDF is previewed.
const PdfPreview = lazy(() =>
  import('./PdfPreview').then((module) => ({ default: module.PdfPreview })),
);

/** The most of a file each kind of preview reads from the vault. */
const PREVIEW_LIMITS = {
  text: 1024 * 1024,
  image: 32 * 1024 * 1024,
  pdf: 64 * 1024 * 1024,
} as const;

type Loaded =
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly error: ApiError }
  | { readonly status: 'ready'; readonly blob: Blob; readonly text: string | null };

function NotAvailable({ reason }: { readonly reason: string }) {
  return (
    <Alert color="gray" title="Preview not available">
      {`${reason} Save a copy to open it.`}
    </Alert>
  );
}

function ImagePreview({ blob, title }: { readonly blob: Blob; readonly title: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const created = URL.createObjectURL(blob);
    setUrl(created);
    return () => {
      URL.revokeObjectURL(created);
    };
  }, [blob]);

  return url === null ? null : <img src={url} alt={title} className="evidence-image" />;
}

/**
 * Shows an evidence file inside the app: images from a blob URL, text as
 * text (never parsed as HTML), PDF through pdf.js. Nothing is handed to the
 * operating system to open.
 */
export function EvidencePreview({ item }: { readonly item: EvidenceItem }) {
  const kind = previewKind(item);
  const limit = kind === 'none' ? 0 : PREVIEW_LIMITS[kind];
  const tooLarge = kind !== 'text' && item.sizeBytes > limit;
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });

  useEffect(() => {
    if (kind === 'none' || tooLarge) return;
    const run = { cancelled: false };
    setLoaded({ status: 'loading' });
    void (async () => {
      const type = kind === 'image' ? item.mediaType : 'application/octet-stream';
      const blob = await readEvidenceBlob(item, { limit, type });
      const text =
        blob.ok && kind === 'text'
          ? new TextDecoder().decode(await blob.value.arrayBuffer())
          : null;
      if (run.cancelled) return;
      setLoaded(
        blob.ok
          ? { status: 'ready', blob: blob.value, text }
          : { status: 'failed', error: blob.error },
      );
    })();

    return () => {
      run.cancelled = true;
    };
  }, [item, kind, limit, tooLarge]);

  if (kind === 'none') return <NotAvailable reason="The app cannot show this type of file." />;
  if (tooLarge) {
    return (
      <NotAvailable reason={`This file is too large to preview (${formatSize(item.sizeBytes)}).`} />
    );
  }
  if (loaded.status === 'loading') return <Loader aria-label="Loading the preview" />;
  if (loaded.status === 'failed') {
    return (
      <Alert color="red" role="alert" title="The preview could not be loaded">
        {messageFor(loaded.error)}
      </Alert>
    );
  }

  if (kind === 'image') return <ImagePreview blob={loaded.blob} title={item.title} />;
  if (kind === 'pdf') {
    return (
      <Suspense fallback={<Loader aria-label="Loading the PDF viewer" />}>
        <PdfPreview bytes={loaded.blob} title={item.title} />
      </Suspense>
    );
  }

  return (
    <div>
      {item.sizeBytes > limit ? (
        <Text size="sm" mb="xs">{`The first ${formatSize(limit)} is shown.`}</Text>
      ) : null}
      <pre
        className="evidence-text"
        data-testid="evidence-text-preview"
        tabIndex={0}
        aria-label={`Text of ${item.title}`}
      >
        {loaded.text}
      </pre>
    </div>
  );
}
