export function StockLabel({ stock }: { stock: number }) {
  return (
    <p className={stock > 0 ? 'stock' : 'stock out'}>{stock > 0 ? `${stock} in stock` : 'Out of stock'}</p>
  );
}
