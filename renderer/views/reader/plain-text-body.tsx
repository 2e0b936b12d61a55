import { useMemo, type MouseEvent } from 'react';
import { plainTextBlocks } from './plain-text-model';
import { useT } from '../../state/locale';

/**
 * A plain-text body: escaped by React, links made clickable (opened outside Mailbag after the URL
 * rules), quoted lines set off by depth.
 */
export function PlainTextBody(props: { readonly text: string; readonly onOpenLink: (url: string) => void; readonly linksAsText?: boolean }) {
  const { onOpenLink } = props;
  const t = useT();
  const blocks = useMemo(() => plainTextBlocks(props.text), [props.text]);
  const open = (event: MouseEvent<HTMLAnchorElement>, url: string): void => {
    event.preventDefault();
    onOpenLink(url);
  };
  return (
    <div className="plain-text-body" aria-label={t('reader.body')} role="document" tabIndex={0}>
      {blocks.map((block, blockIndex) => {
        const content = block.pieces.map((piece, index) =>
          piece.kind === 'text' || props.linksAsText === true ? (
            piece.text
          ) : (
            <a key={index} href={piece.url} rel="noopener noreferrer" onClick={(event) => open(event, piece.url)}>
              {piece.text}
            </a>
          ),
        );
        return block.depth === 0 ? (
          <div key={blockIndex} className="plain-block">
            {content}
          </div>
        ) : (
          <blockquote key={blockIndex} className={`plain-block plain-quote quote-depth-${block.depth}`}>
            {content}
          </blockquote>
        );
      })}
    </div>
  );
}
