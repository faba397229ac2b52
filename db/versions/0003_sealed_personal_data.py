"""sealed personal data: the applicant's blind index on cases, room for sealed names, phones and ID numbers

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

_APPOINTMENT_COLUMNS = (('name', 30, 600), ('phone', 20, 160), ('resident_id', 18, 160))


def upgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('applicant_index', sa.String(length=64), server_default='', nullable=False))
        batch_op.alter_column('applicant_name', existing_type=sa.String(length=100), type_=sa.String(length=600),
                              existing_nullable=False)
        batch_op.create_index('ix_cases_applicant_index', ['hall_id', 'applicant_index'], unique=False)
    with op.batch_alter_table('appointments', schema=None) as batch_op:
        for column, old, new in _APPOINTMENT_COLUMNS:
            batch_op.alter_column(column, existing_type=sa.String(length=old), type_=sa.String(length=new),
                                  existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('appointments', schema=None) as batch_op:
        for column, old, new in _APPOINTMENT_COLUMNS:
            batch_op.alter_column(column, existing_type=sa.String(length=new), type_=sa.String(length=old),
                                  existing_nullable=False)
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_applicant_index')
        batch_op.alter_column('applicant_name', existing_type=sa.String(length=600), type_=sa.String(length=100),
                              existing_nullable=False)
        batch_op.drop_column('applicant_index')
