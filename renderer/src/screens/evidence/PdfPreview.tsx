import { Alert, Button, Group, Loader, Text } from '@mantine/core';
import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { useEffect, useRef, useState } from 'react';

type LoadState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly document: PDFDocumentProxy }
  | { readonly status: 'failed' };

const PREVIEW_WIDTH_PX = 760;

/**
 * Draws one page at a time of a PDF onto a canvas with pdf.js. Eval is off,
 * the worker is a file of the app's own origin, and nothing of the document
 * (links, forms, scripts) becomes part of the page.
 */
export function PdfPreview({ bytes, title }: { readonly bytes: Blob; readonly title: string }) {
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const [pageNumber, setPageNumber] = useState(1);
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const run = { cancelled: false };
    let loaded: PDFDocumentProxy | undefined;
    void (async () => {
      try {
        const pdfjs = await import('pdfjs-dist');
        pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
        const task = pdfjs.getDocument({
          data: new Uint8Array(await bytes.arrayBuffer()),
          isEvalSupported: false,
          enableXfa: false,
          disableAutoFetch: true,
          verbosity: pdfjs.VerbosityLevel.ERRORS,
        });
        loaded = await task.promise;
        if (run.cancelled) await loaded.destroy();
        else setState({ status: 'ready', document: loaded });
      } catch {
        if (!run.cancelled) setState({ status: 'failed' });
      }
    })();

    return () => {
      run.cancelled = true;
      void loaded?.destroy();
    };
  }, [bytes]);

  useEffect(() => {
    if (state.status !== 'ready' || canvas.current === null) return;
    const target = canvas.current;
    let task: RenderTask | undefined;
    const run = { cancelled: false };
    void (async () => {
      try {
        const page = await state.document.getPage(pageNumber);
        if (run.cancelled) return;
        const unscaled = page.getViewport({ scale: 1 });
        const viewport = page.getViewport({ scale: PREVIEW_WIDTH_PX / unscaled.width });
        const context = target.getContext('2d');
        if (context === null) return;
        target.width = Math.floor(viewport.width);
        target.height = Math.floor(viewport.height);
        task = page.render({ canvasContext: context, viewport });
        await task.promise;
      } catch {
        // A cancelled render (the page changed) is not a failure worth showing.
      }
    })();

    return () => {
      run.cancelled = true;
      task?.cancel();
    };
  }, [state, pageNumber]);

  if (state.status === 'loading') return <Loader aria-label="Loading the PDF preview" />;
  if (state.status === 'failed') {
    return (
      <Alert color="gray" title="Preview not available">
        This PDF could not be shown here (it may be damaged or encrypted). Save a copy to open it.
      </Alert>
    );
  }

  const pages = state.document.numPages;
  return (
    <div>
      <Group gap="xs" mb="xs">
        <Button
          size="xs"
          variant="default"
          disabled={pageNumber <= 1}
          onClick={() => {
            setPageNumber((page) => page - 1);
          }}
        >
          Previous page
        </Button>
        <Text size="sm" data-testid="pdf-page" aria-live="polite">
          {`Page ${String(pageNumber)} of ${String(pages)}`}
        </Text>
        <Button
          size="xs"
          variant="default"
          disabled={pageNumber >= pages}
          onClick={() => {
            setPageNumber((page) => page + 1);
          }}
        >
          Next page
        </Button>
      </Group>
      <canvas
        ref={canvas}
        role="img"
        aria-label={`${title}, page ${String(pageNumber)}`}
        className="evidence-pdf-canvas"
      />
    </div>
  );
}
