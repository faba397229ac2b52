"""report rollups and pc heartbeats

Revision ID: 0002
Revises: 0001

The maintained sums the reports read (store/report_rollups.py), and the index from a ticket to its complaints;
the PCs' heartbeats the live hall overview reads (offline and clock alerts for the other PCs).
Filled from the rows already there, so an upgraded database reports as before.
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Each step only if missing: until the first release 0001 is regenerated from the models, and then already
    # has these (db/README.md); the rollups are filled from the rows either way.
    insp = sa.inspect(op.get_bind())
    tables = set(insp.get_table_names())
    if 'report_rollups' not in tables:
        _create_rollups()
    if 'ix_complaints_ticket' not in {ix['name'] for ix in insp.get_indexes('complaints')}:
        with op.batch_alter_table('complaints', schema=None) as batch_op:
            batch_op.create_index('ix_complaints_ticket', ['ticket_id'], unique=False)
    if 'pc_heartbeats' not in tables:
        _create_heartbeats()
    from desk_app.store.report_rollups import rebuild
    rebuild(op.get_bind())


def _create_rollups() -> None:
    op.create_table('report_rollups',
    sa.Column('hall_id', sa.String(length=36), nullable=False),
    sa.Column('day', sa.String(length=10), nullable=False),
    sa.Column('category', sa.String(length=4), nullable=False),
    sa.Column('window_number', sa.Integer(), nullable=False),
    sa.Column('clerk', sa.String(length=60), nullable=False),
    sa.Column('measure', sa.String(length=24), nullable=False),
    sa.Column('value', sa.String(length=40), nullable=False),
    sa.Column('n', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('hall_id', 'day', 'category', 'window_number', 'clerk', 'measure', 'value',
                            name=op.f('pk_report_rollups')),
    sqlite_with_rowid=False
    )


def _create_heartbeats() -> None:
    op.create_table('pc_heartbeats',
    sa.Column('id', sa.String(length=60), nullable=False),
    sa.Column('hall_id', sa.String(length=36), nullable=False),
    sa.Column('device', sa.String(length=36), nullable=False),
    sa.Column('label', sa.String(length=60), nullable=False),
    sa.Column('at_ms', sa.BigInteger(), nullable=False),
    sa.Column('clock_offset_ms', sa.BigInteger(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pc_heartbeats'))
    )
    with op.batch_alter_table('pc_heartbeats', schema=None) as batch_op:
        batch_op.create_index('ix_pc_heartbeats_at', ['hall_id', 'at_ms'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('pc_heartbeats', schema=None) as batch_op:
        batch_op.drop_index('ix_pc_heartbeats_at')
    op.drop_table('pc_heartbeats')
    with op.batch_alter_table('complaints', schema=None) as batch_op:
        batch_op.drop_index('ix_complaints_ticket')
    op.drop_table('report_rollups')
